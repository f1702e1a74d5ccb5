import { i18n } from "../i18n";
import en from "../locales/integrations/en";
import zhCN from "../locales/integrations/zh-CN";

// The page's strings join the console's when its chunk loads (imported by IntegrationsView for this effect), so that the
// entry chunk every staff member downloads does not carry an admin page's words.
i18n.global.mergeLocaleMessage("zh-CN", { integrations: zhCN });
i18n.global.mergeLocaleMessage("en", { integrations: en });
