// What the dial pad and the transfer field accept: typed digits and a leading +; pasted numbers
// in any format normalised with libphonenumber-js, extensions kept as digits.

import { describe, expect, it } from 'vitest';
import { dialStringFromPaste, dialableCharacters } from '../../../renderer/src/state/dial-string.ts';
import { normaliseDialString } from '../../../renderer/src/state/phone-number.ts';

describe('typed characters', () => {
  it('keep digits and one leading +', () => {
    expect(dialableCharacters('5001')).toBe('5001');
    expect(dialableCharacters(' +44 (20) 7946-0958 ')).toBe('+442079460958');
    expect(dialableCharacters('12+34')).toBe('1234');
    expect(dialableCharacters('++1')).toBe('+1');
  });

  it('drop # and * (# is reserved on the GC wire) and letters', () => {
    expect(dialableCharacters('*67#5001abc')).toBe('675001');
  });
});

describe('pasted numbers', () => {
  it('become E.164 when they carry a country code', () => {
    expect(normaliseDialString('+44 20 7946 0958')).toBe('+442079460958');
    expect(normaliseDialString('+1 (415) 555-0134')).toBe('+14155550134');
    expect(normaliseDialString('tel:+1-415-555-0134')).toBe('+14155550134');
    expect(normaliseDialString('Call +44 20 7946 0958 after 5')).toBe('+442079460958');
  });

  it('know the trunk prefix in brackets and leave an extension suffix out', () => {
    expect(normaliseDialString('Tel: +44 (0)20 7946 0958')).toBe('+442079460958');
    expect(normaliseDialString('+1 415.555.0134 ext. 12')).toBe('+14155550134');
  });

  it('keep digits when they are extensions or national numbers without a country', () => {
    expect(normaliseDialString('5004')).toBe('5004');
    expect(normaliseDialString(' 50-04 ')).toBe('5004');
    expect(normaliseDialString('(415) 555-0134')).toBe('4155550134');
    expect(normaliseDialString('phone: 020 7946 0958, mobile 07700 900123')).toBe('02079460958');
    expect(normaliseDialString('00442079460958')).toBe('00442079460958');
    expect(normaliseDialString('no number here')).toBe('');
  });

  it('load the library on first paste', async () => {
    await expect(dialStringFromPaste('+44 20 7946 0958')).resolves.toBe('+442079460958');
  });
});
