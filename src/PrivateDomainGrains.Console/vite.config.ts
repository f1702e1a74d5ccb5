import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vitest/config";

// The host serves the build from its wwwroot (gitignored, emptied on every build); `npm run dev` proxies the API and
// the hub to a host on 127.0.0.1:5080 (deploy/run.sh).
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL("../PrivateDomainGrains.Host/wwwroot", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 400,
  },
  define: {
    // vue-i18n: no legacy API and no devtools hooks in the shipped bundle.
    __VUE_I18N_LEGACY_API__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:5080",
      "/hubs": { target: "http://127.0.0.1:5080", ws: true },
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
  },
});
