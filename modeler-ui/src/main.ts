import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { i18n } from './i18n';
import { router, returnToSignIn } from './router';
import { setUnauthorizedHandler } from './api';

setUnauthorizedHandler(returnToSignIn);

createApp(App).use(i18n).use(router).mount('#app');
