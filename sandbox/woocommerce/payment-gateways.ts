/** What a gateway's `process_payment()` does at checkout: leave the order awaiting payment, or take the payment. */
export type CheckoutBehaviour = { status: string; note: string } | 'payment_complete';

/** A payment gateway of the fake store. */
export interface PaymentGateway {
  id: string;
  title: string;
  /** `supports('refunds')`: whether `api_refund` can return money through it. */
  refunds: boolean;
  checkout: CheckoutBehaviour;
}

/** A refund a gateway made, i.e. money actually returned to the customer. */
export interface GatewayRefund {
  orderId: number;
  amount: number;
  reason: string;
  at: Date;
}

/** `wc_refund_payment()` failed; the message is WooCommerce's (or the gateway's). */
export class RefundFailure extends Error {}

/**
 * The core offline gateways with their checkout behaviour (BACS and cheque wait on-hold; COD goes to processing
 * unpaid) and `sandbox_card`, a card gateway that is paid at checkout and can refund.
 */
const DEFAULT_GATEWAYS: PaymentGateway[] = [
  {
    id: 'bacs',
    title: 'Direct bank transfer',
    refunds: false,
    checkout: { status: 'on-hold', note: 'Awaiting BACS payment' },
  },
  {
    id: 'cheque',
    title: 'Check payments',
    refunds: false,
    checkout: { status: 'on-hold', note: 'Awaiting check payment.' },
  },
  {
    id: 'cod',
    title: 'Cash on delivery',
    refunds: false,
    checkout: { status: 'processing', note: 'Payment to be made upon delivery.' },
  },
  { id: 'sandbox_card', title: 'Credit card (sandbox)', refunds: true, checkout: 'payment_complete' },
];

/** The store's enabled gateways, with a test switch to make the next gateway refunds fail. */
export class PaymentGateways {
  private readonly gateways = new Map(DEFAULT_GATEWAYS.map((gateway) => [gateway.id, gateway]));
  private readonly failures: Array<string | undefined> = [];
  private readonly made: GatewayRefund[] = [];

  constructor(private readonly now: () => Date) {}

  /** The gateway of a payment method id, if the store has it. */
  get(id: string): PaymentGateway | undefined {
    return this.gateways.get(id);
  }

  /** Adds (or replaces) a gateway, e.g. `{ id: 'stripe', title: 'Stripe', refunds: true, checkout: 'payment_complete' }`. */
  add(gateway: PaymentGateway): void {
    this.gateways.set(gateway.id, gateway);
  }

  /** Makes the next `count` gateway refunds fail: with `message` as the gateway's error, else `process_refund` false. */
  failNextRefunds(count = 1, message?: string): void {
    for (let i = 0; i < count; i++) this.failures.push(message);
  }

  /** Money the gateways returned, oldest first. */
  refunds(): GatewayRefund[] {
    return [...this.made];
  }

  /** `wc_refund_payment()`: returns the money through the order's gateway or throws RefundFailure. */
  refund(order: { id: number; paymentMethod: string }, amount: number, reason: string): void {
    const gateway = this.gateways.get(order.paymentMethod);
    if (gateway === undefined) throw new RefundFailure('The payment gateway for this order does not exist.');
    if (!gateway.refunds) {
      throw new RefundFailure('The payment gateway for this order does not support automatic refunds.');
    }
    if (this.failures.length > 0) {
      const message = this.failures.shift();
      throw new RefundFailure(
        message ?? 'An error occurred while attempting to create the refund using the payment gateway API.',
      );
    }
    this.made.push({ orderId: order.id, amount, reason, at: this.now() });
  }
}
