import { i18n } from "../i18n";
import en from "../locales/tags/en";
import zhCN from "../locales/tags/zh-CN";

// The tag catalog page's strings join the console's when its chunk loads (imported by TagCatalogView for this effect).
i18n.global.mergeLocaleMessage("zh-CN", { tags: zhCN });
i18n.global.mergeLocaleMessage("en", { tags: en });
