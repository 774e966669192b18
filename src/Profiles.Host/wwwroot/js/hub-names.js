// The one place the browser names the hub's methods and messages. They match ProfilesHub's public methods and
// IProfilesClient's methods in C# (a test compares them), so a rename on either side fails the build's tests.
export const HubPath = '/hubs/profiles';

/** Methods the browser calls on the hub. */
export const HubMethods = Object.freeze({
  SubscribeCustomer: 'SubscribeCustomer',
  UnsubscribeCustomer: 'UnsubscribeCustomer',
  SubscribeClass: 'SubscribeClass',
  UnsubscribeClass: 'UnsubscribeClass',
  SubscribeAll: 'SubscribeAll',
  UnsubscribeAll: 'UnsubscribeAll',
});

/** Messages the hub sends to the browser. */
export const ClientMessages = Object.freeze({
  ProfileChanged: 'ProfileChanged',
  ProfileRemoved: 'ProfileRemoved',
});
