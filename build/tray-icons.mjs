#!/usr/bin/env node
// Writes the tray icons' SVG sources (build/tray/src/) and renders the PNGs the shell loads
// (main/shell/shell-paths.ts, trayIconFile), plus the app icon PNGs from build/icon.svg. Run
// once after changing a glyph, and commit the results: `node build/tray-icons.mjs` (needs
// rsvg-convert: `apt-get install librsvg2-bin`, `brew install librsvg`).
//
// Per state, one glyph on a 16-unit grid, drawn two ways:
// - colour (Windows, Linux): a filled disc in the state's colour, the glyph in white on it, so
//   it reads on light and dark taskbars: <state>.png 16 px, <state>@2x.png and <state>-32.png 32 px;
// - template (macOS): the glyph inside a ring, black on transparent (the menu bar tints it):
//   <state>Template.png 16 px, <state>Template@2x.png 32 px.
// The glyphs differ in shape, not only colour (colour-blind agents, and macOS has none).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const trayDir = join(here, 'tray');
const srcDir = join(trayDir, 'src');

const HANDSET =
  'M5.2 3.6h1.7l.9 2.4-1.2.9c.5 1.2 1.3 2 2.5 2.5l.9-1.2 2.4.9v1.7c0 .6-.5 1-1.1 1C7.5 11.6 4.4 8.5 4.2 4.7c0-.6.4-1.1 1-1.1z';

/** Each glyph is SVG drawn in `currentColor` on a 16 × 16 grid centred on (8, 8). */
const GLYPHS = {
  ready:
    '<path d="M4.8 8.2l2.2 2.2 4.2-4.6" fill="none" stroke="currentColor" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round"/>',
  'not-ready': '<rect x="4.2" y="7" width="7.6" height="2" rx="1" fill="currentColor"/>',
  talking: `<path d="${HANDSET}" fill="currentColor"/>`,
  'wrap-up':
    '<g fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"><path d="M5 5.5h6M5 8h6M5 10.5h3.5"/></g>',
  ringing: `<g transform="translate(-0.6 0.6)"><path d="${HANDSET}" fill="currentColor"/></g><g fill="none" stroke="currentColor" stroke-width="1.1" stroke-linecap="round"><path d="M9.3 3.9a2.8 2.8 0 0 1 2.6 2.6"/><path d="M9.2 1.9a4.8 4.8 0 0 1 4.7 4.7" opacity="0.85"/></g>`,
  offline: '<path d="M5 11l6-6" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>',
};

const COLOURS = {
  ready: '#1e8e4e',
  'not-ready': '#c9302c',
  talking: '#2463c9',
  'wrap-up': '#7447c2',
  ringing: '#d97706',
  offline: '#6b7280',
};

function colourSvg(state) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
  <circle cx="8" cy="8" r="7.5" fill="${COLOURS[state]}"/>
  <g color="#ffffff">${GLYPHS[state]}</g>
</svg>
`;
}

function templateSvg(state) {
  // Offline: a dashed ring says "not there"; the others a full ring.
  const dash = state === 'offline' ? ' stroke-dasharray="2.2 1.6"' : '';
  const disc =
    state === 'ready'
      ? '<circle cx="8" cy="8" r="6.6" fill="#000000"/>'
      : `<circle cx="8" cy="8" r="6.6" fill="none" stroke="#000000" stroke-width="1.3"${dash}/>`;
  // Ready is a solid disc with the tick cut out (white is dropped to transparent below).
  const glyphColour = state === 'ready' ? '#ffffff' : '#000000';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16">
  <mask id="m"><rect width="16" height="16" fill="#ffffff"/>${state === 'ready' ? `<g color="#000000">${GLYPHS[state]}</g>` : ''}</mask>
  <g mask="url(#m)">${disc}</g>
  ${state === 'ready' ? '' : `<g color="${glyphColour}">${GLYPHS[state]}</g>`}
</svg>
`;
}

function render(svgFile, pngFile, size) {
  execFileSync('rsvg-convert', ['-w', String(size), '-h', String(size), '-o', pngFile, svgFile]);
}

mkdirSync(srcDir, { recursive: true });
for (const state of Object.keys(GLYPHS)) {
  const colour = join(srcDir, `${state}.svg`);
  const template = join(srcDir, `${state}-template.svg`);
  writeFileSync(colour, colourSvg(state));
  writeFileSync(template, templateSvg(state));
  render(colour, join(trayDir, `${state}.png`), 16);
  render(colour, join(trayDir, `${state}@2x.png`), 32);
  render(colour, join(trayDir, `${state}-32.png`), 32);
  render(template, join(trayDir, `${state}Template.png`), 16);
  render(template, join(trayDir, `${state}Template@2x.png`), 32);
}

render(join(here, 'icon.svg'), join(here, 'icon.png'), 512);
render(join(here, 'icon.svg'), join(here, 'icon-1024.png'), 1024);
console.log(`tray icons in ${trayDir}; app icons build/icon.png (512) and build/icon-1024.png`);
