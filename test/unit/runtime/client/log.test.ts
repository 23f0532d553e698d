// The exchange log (src/runtime/client/log.ts): events are redacted before the logger sees them, and a throwing logger
// changes nothing.
import { logExchange, type ExchangeEvent } from '../../../../src/runtime/client';
import { cardOrderOperation } from '../../../../src/runtime';

const event: ExchangeEvent = {
  correlationId: '0b6e7d3c-1f5a-4c1e-9d55-0d3b1f6d7a10',
  operation: 'checkout.cardOrder',
  attempt: 1,
  url: 'https://example.test',
  durationMs: 3,
  request: { amount: 1000, cardNumber: '4975300000000003', cardCSCValue: '123' },
};

test('the logger receives the event with card data masked', () => {
  const seen: ExchangeEvent[] = [];
  logExchange((e) => seen.push(e), cardOrderOperation, event);
  expect(seen).toHaveLength(1);
  const logged = JSON.stringify(seen[0]);
  expect(logged).not.toContain('4975300000000003');
  expect(logged).not.toContain('"123"');
  expect(seen[0]).toMatchObject({ operation: 'checkout.cardOrder', attempt: 1, request: { amount: 1000 } });
});

test('no logger, or a throwing one, is fine', () => {
  expect(() => logExchange(undefined, cardOrderOperation, event)).not.toThrow();
  expect(() =>
    logExchange(
      () => {
        throw new Error('logger down');
      },
      cardOrderOperation,
      event,
    ),
  ).not.toThrow();
});
