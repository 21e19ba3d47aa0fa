import { defineConfig } from "vitest/config";

// JSX through esbuild's automatic runtime: no React plugin needed (and none that needs a newer Node).
export default defineConfig({
  esbuild: { jsx: "automatic" },
  base: "/",
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
    // Every asset stays a file of the bundle: fonts inlined as data: URLs would break the server's CSP (font-src 'self').
    assetsInlineLimit: 0,
  },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
