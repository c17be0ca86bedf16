// Vue single-file components, for the type checker (vue-tsc is not used here: keep the
// logic in .ts modules).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';

  const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, unknown>;
  export default component;
}

// Stylesheets imported for their side effect (bundled by Vite).
declare module '*.css';
