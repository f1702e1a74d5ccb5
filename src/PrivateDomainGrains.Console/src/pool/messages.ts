import { i18n } from "../i18n";
import en from "../locales/pool/en";
import zhCN from "../locales/pool/zh-CN";

// The pool page's strings join the console's when its chunk loads (imported by PendingPoolView for this effect).
i18n.global.mergeLocaleMessage("zh-CN", { pool: zhCN });
i18n.global.mergeLocaleMessage("en", { pool: en });
