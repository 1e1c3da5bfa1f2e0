import { describe, expect, it } from 'vitest';
import { decodeEvent, encodeEvent, type Contact } from '../../../main/core/protocol/index.ts';
import { MAX_FIELDS_PER_EVENT } from '../../../main/core/protocol/event-codec.ts';

describe('event size limits', () => {
  it('refuses an event with millions of fields as malformed instead of building them', () => {
    const hostile = `9000#QueueList${'#1'.repeat(MAX_FIELDS_PER_EVENT + 10)}`;
    const event = decodeEvent(hostile);
    expect(event).toMatchObject({ kind: 'malformed', field: 'body' });
    expect(event.kind === 'malformed' && event.raw.length).toBeLessThanOrEqual(1_000);
  });

  it('still reads the largest real event: a 100,000-contact phonebook page', () => {
    const contacts: Contact[] = Array.from({ length: 100_000 }, (_, index) => ({
      description: 'Acme',
      firstName: `F${index}`,
      lastName: 'L',
      phoneNumber: `+4420${index}`,
      id: String(index),
    }));
    const encoded = encodeEvent({ kind: 'PhonebookContacts', receiver: '1001', contacts });
    expect(encoded.ok).toBe(true);
    const decoded = decodeEvent(encoded.ok ? encoded.value : '');
    expect(decoded.kind === 'PhonebookContacts' && decoded.contacts.length).toBe(100_000);
    expect(decoded.kind === 'PhonebookContacts' && decoded.contacts[99_999]).toEqual(contacts[99_999]);
  });

  it('reads records whose keys come in another order or case on the slow path', () => {
    const event = decodeEvent(
      '1001#PhonebookContacts#ID:7,PHONENUMBER:555,lastname:Lee,firstName:Ann,description:x',
    );
    expect(event).toMatchObject({
      contacts: [{ id: '7', phoneNumber: '555', lastName: 'Lee', firstName: 'Ann', description: 'x' }],
    });
  });
});
