// The simulator's fraud lists, velocity and card data, through the typed client: black, grey and white card lists,
// the value lists checked before sending, getVelocityData's counts, getCardData's known BINs.
import {
  DeclinedError,
  InvalidRequestError,
  type AddToFraudListRequest,
  type GetVelocityDataRequest,
  type RemoveFromFraudListRequest,
} from '../../src/runtime';
import { CARD_OK, client, expectCoverage, fails, freshCard, nextCount, ok, order, startSimulatorSuite } from './given';

startSimulatorSuite();

describe('fraud lists, velocity, card data', () => {
  test(
    'a card on the black card list is refused (05); addToFraudList 94 when present, removeFromFraudList 25 when ' +
      'absent',
    async () => {
      const card = freshCard();
      const entry = {
        fraudListType: 'CardList',
        fraudListLevel: 'Black',
        fraudListElementType: 'PAN',
        fraudListElementValue: card,
      } as const;
      const list = { fraudListType: 'CardList', fraudListLevel: 'Black', fraudListElementValue: card } as const;
      await expect(
        ok('fraud.addToFraudList', client.fraud.addToFraudList({ ...entry, fraudListReasonCode: 'CARD_STOLEN' })),
      ).resolves.toMatchObject({ responseCode: '00' });
      await fails('fraud.addToFraudList', client.fraud.addToFraudList(entry), InvalidRequestError, { code: '94' });
      await fails('checkout.cardOrder', client.checkout.cardOrder(order(card)), DeclinedError, { code: '05' });
      await expect(ok('fraud.removeFromFraudList', client.fraud.removeFromFraudList(list))).resolves.toMatchObject({
        responseCode: '00',
      });
      await fails('fraud.removeFromFraudList', client.fraud.removeFromFraudList(list), InvalidRequestError, {
        code: '25',
      });
      await expect(ok('checkout.cardOrder', client.checkout.cardOrder(order(card)))).resolves.toMatchObject({
        responseCode: '00',
      });
    },
  );

  test('a grey or white card list does not refuse; one black entry may list several cards', async () => {
    const [first, second] = [freshCard(), freshCard()];
    for (const fraudListLevel of ['Grey', 'White'] as const) {
      await ok(
        'fraud.addToFraudList',
        client.fraud.addToFraudList({ fraudListType: 'CardList', fraudListLevel, fraudListElementValue: first }),
      );
    }
    await ok('checkout.cardOrder', client.checkout.cardOrder(order(first)));
    const both = {
      fraudListType: 'CardList',
      fraudListLevel: 'Black',
      fraudListElementType: 'PAN',
      fraudListElementValue: `${first},${second}`,
    } as const;
    await ok('fraud.addToFraudList', client.fraud.addToFraudList(both));
    await fails('checkout.cardOrder', client.checkout.cardOrder(order(second)), DeclinedError, { code: '05' });
    await ok('fraud.removeFromFraudList', client.fraud.removeFromFraudList(both));
  });

  test(
    'the fraud-list value lists are checked before sending: a level or list type outside the page lists is ' +
      'refused, naming the field',
    async () => {
      const bad = {
        fraudListType: 'CardList',
        fraudListLevel: 'BLACK',
        fraudListElementValue: freshCard(),
      } as unknown as AddToFraudListRequest;
      await expect(client.fraud.addToFraudList(bad)).rejects.toMatchObject({
        name: 'InvalidRequestError',
        message: expect.stringContaining('fraudListLevel'),
      });
      const noType = {
        fraudListLevel: 'Black',
        fraudListElementValue: freshCard(),
      } as unknown as RemoveFromFraudListRequest;
      await expect(client.fraud.removeFromFraudList(noType)).rejects.toMatchObject({
        name: 'InvalidRequestError',
        message: expect.stringContaining('fraudListType'),
      });
    },
  );

  test(
    'getVelocityData counts approved transactions by customerId, IP and card (the page values); another element ' +
      'type is refused before sending, a bad period by the gateway (12)',
    async () => {
      const count = nextCount();
      const customerId = `VEL-${process.pid}-${count}`;
      const customerIpAddress = `198.51.100.${(count + 1) % 250}`;
      const card = freshCard();
      await ok(
        'checkout.cardOrder',
        client.checkout.cardOrder(order(card, { amount: 1000, customerId, customerIpAddress })),
      );
      await ok(
        'checkout.cardOrder',
        client.checkout.cardOrder(order(card, { amount: 2500, customerId, customerIpAddress })),
      );
      await fails(
        'checkout.cardOrder',
        client.checkout.cardOrder(order('4100000000000514', { amount: 9999, customerId, customerIpAddress })),
        DeclinedError,
        { code: '05' },
      );
      for (const [velocityElementType, velocityElementValue] of [
        ['customerId', customerId],
        ['IP', customerIpAddress],
        ['card', card],
      ] as const) {
        const velocity = await ok(
          'fraud.getVelocityData',
          client.fraud.getVelocityData({ velocityElementType, velocityElementValue, velocityPeriod: '1' }),
        );
        expect(velocity).toMatchObject({
          responseCode: '00',
          velocityNbTransaction: 2,
          velocityTotalAmount: 3500,
          velocityProfilMaxNbTrans: 10,
        });
      }
      const shoeSize = {
        velocityElementType: 'shoeSize',
        velocityElementValue: '42',
      } as unknown as GetVelocityDataRequest;
      await expect(client.fraud.getVelocityData(shoeSize)).rejects.toMatchObject({
        name: 'InvalidRequestError',
        message: expect.stringContaining('velocityElementType'),
      });
      await fails(
        'fraud.getVelocityData',
        client.fraud.getVelocityData({
          velocityElementType: 'customerId',
          velocityElementValue: customerId,
          velocityPeriod: 'forever',
        }),
        InvalidRequestError,
        { code: '12', errorFieldName: 'velocityPeriod' },
      );
    },
  );

  test('getCardData knows BINs 41, 42, 51 and 37; others are 05', async () => {
    for (const [query, brand] of [
      [{ cardNumber: CARD_OK }, 'VISA'],
      [{ cardNumber: '4100000000000514' }, 'VISA'],
      [{ cardIIN: '510000' }, 'MASTERCARD'],
      [{ cardNumber: '378282246310005' }, 'AMEX'],
    ] as const) {
      const data = await ok('paymentMeanInfo.getCardData', client.paymentMeanInfo.getCardData(query));
      expect(data.paymentMeanInfoResponseCode).toBe('00');
      expect(data.cardDataList?.[0]?.cardBrand).toBe(brand);
    }
    await fails(
      'paymentMeanInfo.getCardData',
      client.paymentMeanInfo.getCardData({ cardNumber: '5555555555554444' }),
      InvalidRequestError,
      { code: '05', codeField: 'paymentMeanInfoResponseCode' },
    );
  });
});

expectCoverage('fraud');
