import { i18n } from "../i18n";
import en from "../locales/operator/en";
import zhCN from "../locales/operator/zh-CN";

// The operator view's strings join the console's when its chunk loads (imported by OperatorView for this effect).
i18n.global.mergeLocaleMessage("zh-CN", { operator: zhCN });
i18n.global.mergeLocaleMessage("en", { operator: en });
