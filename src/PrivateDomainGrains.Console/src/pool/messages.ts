import { i18n } from "../i18n";
import en from "../locales/pool/en";
import zhCN from "../locales/pool/zh-CN";
import importsEn from "../locales/pool/imports-en";
import importsZhCN from "../locales/pool/imports-zh-CN";

// The pool page's strings (its events and its identity import tab) join the console's when its chunk loads (imported by PendingPoolView for this effect).
i18n.global.mergeLocaleMessage("zh-CN", { pool: zhCN, imports: importsZhCN });
i18n.global.mergeLocaleMessage("en", { pool: en, imports: importsEn });
