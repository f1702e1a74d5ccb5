import type zhCN from "./imports-zh-CN";

/** The identity import tab's strings in English: the same keys as imports-zh-CN.ts. */
const en: typeof zhCN = {
  tab: "Import identities",
  formatTitle: "File format",
  formatCsv: "CSV: a header line customerId,kind,value, then one identity a line (values with commas in double quotes).",
  formatJsonl: "Or JSON Lines (.jsonl): one object a line.",
  kinds: "kind is one of unionid, external_userid, openid:{'{'}appId{'}'}, phone, order, email. Phones may be written +86 138 0013 8000, 0086-13800138000 or 13800138000.",
  rules: "Identities are added to existing customers only (a manager: their team's); one another customer holds is a conflict and never moves. At most 2,000,000 rows and 256 MiB.",
  choose: "Choose a file",
  start: "Start the import",
  cancel: "Cancel the import",
  startedAt: "Started {at}",
  states: { running: "Importing", completed: "Completed", cancelled: "Cancelled" },
  read: "Read",
  added: "Added",
  unchanged: "Already there",
  refused: "Refused",
  conflicts: "Conflicts",
  attached: "Pending events attached",
  problems: "Refused and conflicting rows",
  noProblems: "No row was refused or in conflict.",
  line: "Line {n}",
  rowStates: { pending: "Pending", added: "Added", unchanged: "Already there", refused: "Refused", conflict: "Conflict", cancelled: "Cancelled" },
  fields: { customerId: "Customer id", kind: "Kind", value: "Value", line: "Whole line" },
  failed: "That failed: {detail}",
  staffOnly: "Only managers and admins import identities.",
};

export default en;
