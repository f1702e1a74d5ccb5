import { i18n } from "../i18n";
import en from "../locales/playbook/en";
import zhCN from "../locales/playbook/zh-CN";

// The editor's strings join the console's when its chunk loads (imported by PlaybookView for this effect), so that the
// entry chunk every staff member downloads does not carry an admin page's words.
i18n.global.mergeLocaleMessage("zh-CN", { playbook: zhCN });
i18n.global.mergeLocaleMessage("en", { playbook: en });
