import { mount } from 'svelte';
import App from './App.svelte';
import { connectDesk } from './bridge/desk-api.ts';
import { createTranslator, pickLocale } from './i18n/index.ts';
import { Clock } from './state/clock.svelte.ts';
import { DeskStore } from './state/desk-store.svelte.ts';
import './theme.css';

const target = document.getElementById('app');
if (!target) throw new Error('Switchboard: #app element missing from index.html');

const translator = createTranslator(
  pickLocale(navigator.languages, new URL(location.href).searchParams.get('lang')),
);
document.documentElement.lang = translator.locale;
document.documentElement.dir = translator.dir;

const connection = connectDesk(window);
const clock = new Clock();
clock.start();
const store = new DeskStore(connection.api, clock, connection.link);

export default mount(App, { target, props: { store, clock, translator } });
