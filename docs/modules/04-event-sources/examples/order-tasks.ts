/**
 * Module 4 example: Step Functions task handlers signal failures by throwing errors with a
 * name; the state machine's Retry and Catch rules match on that name (Lambda reports it as
 * the error type).
 */

// #region errors
/** Permanent: the card was declined. Retrying will not help; compensate instead. */
export class PaymentDeclined extends Error {
  override name = 'PaymentDeclined';
}

/** Transient: the payment provider is down or slow. Worth retrying with backoff. */
export class PaymentProviderUnavailable extends Error {
  override name = 'PaymentProviderUnavailable';
}
// #endregion errors

export interface ChargeInput {
  orderId: string;
  amountCents: number;
  cardToken: string;
}

export interface PaymentProvider {
  charge(input: {
    idempotencyKey: string;
    amountCents: number;
    cardToken: string;
  }): Promise<
    | { status: 'approved'; chargeId: string }
    | { status: 'declined'; reason: string }
    | { status: 'unavailable' }
  >;
}

// #region task
export function chargePaymentTask(provider: PaymentProvider) {
  return async (input: ChargeInput): Promise<ChargeInput & { chargeId: string }> => {
    // The order id as idempotency key: a retried task never charges twice.
    const result = await provider.charge({
      idempotencyKey: input.orderId,
      amountCents: input.amountCents,
      cardToken: input.cardToken,
    });
    if (result.status === 'declined') throw new PaymentDeclined(result.reason);
    if (result.status === 'unavailable')
      throw new PaymentProviderUnavailable('payment provider unavailable');
    return { ...input, chargeId: result.chargeId };
  };
}
// #endregion task
