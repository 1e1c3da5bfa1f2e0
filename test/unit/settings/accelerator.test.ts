import { describe, expect, it } from 'vitest';

import { checkAccelerator } from '../../../main/core/settings/accelerator.ts';

describe('checkAccelerator', () => {
  it.each([
    'CommandOrControl+Shift+A',
    'CmdOrCtrl+Alt+F9',
    'Ctrl+Shift+R',
    'commandorcontrol+shift+a',
    'Super+Space',
    'Alt+Plus',
    'Control+Shift+/',
    'F9',
    'MediaPlayPause',
    'Option+num5',
  ])('accepts %s', (accelerator) => {
    expect(checkAccelerator(accelerator)).toBeUndefined();
  });

  it.each([
    ['', /found an empty text/],
    ['Ctrl + A', /without spaces/],
    ['Ctrl++', /written Plus/],
    ['CommandOrControl+', /written Plus/],
    ['Ctrl+Shift', /ends in the modifier Shift/],
    ['Ctrl+Foo', /"Foo" is not a key Electron knows/],
    ['Hyper+A', /"Hyper" is not a modifier/],
    ['A+Ctrl+B', /"A" is not a modifier/],
    ['Ctrl+ctrl+A', /Ctrl is written twice/],
    ['A', /"A" alone would take that key from every other application/],
    ['x'.repeat(200), /found 200 characters/],
  ])('refuses %j', (accelerator, message) => {
    const problem = checkAccelerator(accelerator);
    expect(problem).toMatch(/^expected /);
    expect(problem).toMatch(message);
  });
});
