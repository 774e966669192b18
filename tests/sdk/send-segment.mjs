// Sends events with the real @segment/analytics-node, pointed at a Profiles host through its `host` option.
// Usage: node send-segment.mjs <host> <writeKey> <userId> <anonymousId>
import { Analytics } from '@segment/analytics-node';

const [host, writeKey, userId, anonymousId] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host, flushAt: 10, maxRetries: 2 });
let failed = false;
analytics.on('error', (error) => {
  failed = true;
  console.error('error', error?.reason ?? error);
});

analytics.page({ anonymousId, name: 'Pricing', properties: { path: '/pricing' } });
analytics.identify({ userId, anonymousId, traits: { email: 'sdk@example.com', name: 'SDK User' } });
analytics.track({
  userId,
  anonymousId,
  event: 'Order Completed',
  properties: { order_id: 'sdk-order-1', revenue: 42, currency: 'USD' },
});
await analytics.closeAndFlush({ timeout: 20000 });
process.exit(failed ? 1 : 0);
