import type zhCN from "./zh-CN";

/** The pending pool page's strings in English: the same keys as zh-CN.ts. */
const en: typeof zhCN = {
  title: "Pending pool",
  tab: "Pending events",
  managersOnly: "Only managers and admins work the pending pool.",
  empty: "No event is waiting for its customer.",
  reasons: { "unknown-identity": "Unknown identity", "nickname-only": "Nickname only" },
  received: "Received {at}",
  candidates: "Possible customers",
  noCandidates: "No candidates: type the customer's id.",
  customerId: "Customer id",
  attach: "Attach",
  attachTo: "Attach to {id}",
  dismiss: "Dismiss",
  attached: "Attached to {id}",
  dismissed: "Dismissed",
  more: "More",
  failed: "That failed: {detail}",
  similarity: "{n}% similar",
  identityKinds: {
    unionid: "UnionID",
    external_userid: "WeCom external contact",
    openid: "OpenID ({app})",
    phone: "Phone",
    order: "Order",
    email: "Email",
    nickname: "Nickname",
  },
  attachNotFound: "No customer {id} among the customers you may see.",
  attachConflict: "This event is no longer pending: not attached to {id}.",
  settledConflict: "This event is no longer in the pool.",
};

export default en;
