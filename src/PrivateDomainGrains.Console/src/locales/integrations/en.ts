import type zhCN from "./zh-CN";

/** The integrations page's strings (API keys and webhooks) in English: the same keys as zh-CN.ts. */
const en: typeof zhCN = {
  title: "Integrations",
  denied: "Only admins manage API keys and webhooks.",
  tabs: { keys: "API keys", webhooks: "Webhooks" },
  copy: "Copy",
  copied: "Copied",
  never: "never",
  shownOnce: "Shown this once, keep it now:",
  dismiss: "I have kept it",
  cancel: "Cancel",
  keys: {
    name: "Name",
    scopes: "Scopes",
    create: "Create key",
    lastUsed: "Last used: {when}",
    rotate: "Rotate",
    rotateConfirm: "Makes a new key; the old one stops working in 60 minutes.",
    revoke: "Revoke",
    revokeConfirm: "The key is refused from now on; this cannot be undone.",
    states: { active: "active", expired: "expired", revoked: "revoked" },
    empty: "No API keys yet",
  },
  webhooks: {
    url: "URL",
    eventTypes: "Notification types",
    description: "Description",
    create: "New subscription",
    edit: "Edit",
    save: "Save",
    secret: "Rotate secret",
    deliveries: "Deliveries",
    replay: "Replay",
    enable: "Re-enable",
    delete: "Delete",
    deleteConfirm: "The subscription and its delivery log are deleted and what is still pending is not sent; this cannot be undone.",
    disabled: "Disabled: {reason}",
    failing: "{n} failures in a row",
    enabled: "enabled",
    empty: "No webhook subscriptions yet",
    noDeliveries: "No deliveries yet",
    noAnswer: "no answer",
    states: { pending: "pending", delivered: "delivered", failed: "failed" },
  },
};

export default en;
