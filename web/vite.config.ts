import { defineConfig } from "vite";

// Preact's automatic JSX runtime through esbuild: no framework plugin needed. No inline scripts or styles
// (the page's Content-Security-Policy allows neither), hashed file names under /assets/.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
