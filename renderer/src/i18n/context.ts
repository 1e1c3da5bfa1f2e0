// The translator reaches components through context: App provides it once.

import { createContext } from 'svelte';
import type { Translator } from './index.ts';

export const [useI18n, provideI18n] = createContext<Translator>();
