/**
 * The course theme: VitePress's default theme plus the course's components, registered
 * globally so every markdown page can use them.
 */
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import KnowledgeCheck from './components/KnowledgeCheck.vue';
import LabList from './components/LabList.vue';
import MermaidDiagram from './components/MermaidDiagram.vue';
import ModuleLabs from './components/ModuleLabs.vue';
import ScenarioPicker from './components/ScenarioPicker.vue';
import './custom.css';

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('KnowledgeCheck', KnowledgeCheck);
    app.component('ScenarioPicker', ScenarioPicker);
    app.component('ModuleLabs', ModuleLabs);
    app.component('LabList', LabList);
    // The name vitepress-plugin-mermaid's markdown rule emits for ```mermaid fences.
    app.component('Mermaid', MermaidDiagram);
  },
};

export default theme;
