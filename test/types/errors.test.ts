// Type tests for the typed error replies (compiled by `make typecheck`): a guard naming the operation types
// `error.response` as that operation's reply; each @ts-expect-error flags a real misuse.
import {
  AuthenticationFailedError,
  DeclinedError,
  isAuthenticationFailedError,
  isDeclinedError,
  type CardOrderResponse,
  type CardValidateAuthenticationAndOrderResponse,
  type ResponseOf,
} from '../../src/runtime';

export function narrowing(error: unknown): void {
  if (isAuthenticationFailedError(error, 'checkout.cardValidateAuthenticationAndOrder')) {
    const reply: CardValidateAuthenticationAndOrderResponse | undefined = error.response;
    const status: string | undefined = error.response?.holderAuthentStatus;
    const reason: '3D_FAILURE' | '3D_ERROR' | '3D_ABORT' = error.reason;
    (void reply, status, reason);
    // prettier-ignore
    // @ts-expect-error the 3-D Secure reply has no mandateId
    void error.response?.mandateId;
  }
  if (isDeclinedError(error, 'checkout.cardOrder')) {
    const reply: CardOrderResponse | undefined = error.response;
    void reply;
  }
  if (isDeclinedError(error)) {
    // Without an operation the reply is unknown: it must be narrowed before use.
    // prettier-ignore
    // @ts-expect-error response is unknown
    void error.response.responseCode;
  }
  // prettier-ignore
  // @ts-expect-error not an operation of the contract (typo)
  isDeclinedError(error, 'checkout.cardOrdr');
  // prettier-ignore
  // @ts-expect-error service and operation are joined with a dot
  isDeclinedError(error, 'cardOrder');
}

// ResponseOf reads the reply type from the generated clients.
const same: ResponseOf<'checkout.cardOrder'> = {} as CardOrderResponse;
void same;

test('AuthenticationFailedError is a DeclinedError of kind declined, named for what happened', () => {
  const error = new AuthenticationFailedError('x', {
    reason: '3D_FAILURE',
    holderAuthentStatus: '3D_FAILURE',
    operation: 'checkout.cardValidateAuthenticationAndOrder',
  });
  expect(error).toBeInstanceOf(DeclinedError);
  expect({ name: error.name, kind: error.kind, reason: error.reason }).toEqual({
    name: 'AuthenticationFailedError',
    kind: 'declined',
    reason: '3D_FAILURE',
  });
  expect(isAuthenticationFailedError(error, 'checkout.cardValidateAuthenticationAndOrder')).toBe(true);
  expect(isAuthenticationFailedError(error, 'checkout.cardValidateAuthentication')).toBe(false);
  expect(isAuthenticationFailedError(new DeclinedError('y'))).toBe(false);
  expect(JSON.stringify(error)).toContain('"reason":"3D_FAILURE"');
});
