/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Built files are served by the NestJS API from modeler-ui/dist at the site root;
// in development the Vite server forwards /api to the API on port 3000.
export default defineConfig({
  base: '/',
  plugins: [vue()],
  define: {
    // vue-i18n feature flags for its esm-bundler build (Composition API only).
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    // form-js-editor 1.23 pins its own preact (<=10.15.1) while form-js-viewer and the properties
    // panel it renders use the hoisted one: two copies break hooks ("reading 'context'"). One copy.
    dedupe: ['preact'],
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // bpmn-js and Element Plus are large by nature; the diagram view is lazily loaded.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': {
        target: 'http://localhost:3000',
        changeOrigin: true,
      },
    },
  },
  test: {
    environment: 'node',
    include: ['tests/**/*.spec.ts'],
    // Let Vite transform Element Plus so that it shares the single Vue copy the components use.
    // form-js too, so that its preact imports go through the dedupe above.
    server: { deps: { inline: ['element-plus', /@bpmn-io\/form-js/] } },
  },
});
