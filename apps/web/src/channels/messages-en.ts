import type { Messages } from '../i18n';

// Channel accounts and channel problems in English (keys missing here fall back to Indonesian).
export const channelsEn: Messages = {
  'channels.accounts.title': 'Channel accounts',
  'channels.accounts.empty': 'No channel account is connected yet.',
  'channels.connect.introShop': 'Connect your seller account on TikTok Shop or Lazada. You are taken to the channel to give Pasar Kriya permission, then brought back here.',
  'channels.connect.introCouncil': "The council's accounts sell the listings of every artisan without an account of their own. Connecting opens the channel's permission page, then comes back here.",
  'channels.connect.button': 'Connect {channel}',
  'channels.connect.redirecting': "Opening {channel}'s permission page…",
  'channels.connect.ok': '{channel} is connected. Published listings go out at the next sync.',
  'channels.connect.failed': 'Connecting {channel} did not work.',
  'channels.connect.error.state_invalid': 'The permission link does not match this session (it may have been opened in another tab or device). Press "Connect" again from this page.',
  'channels.connect.error.state_expired': 'The permission link has expired. Press "Connect" again and finish within a few minutes.',
  'channels.connect.error.denied': 'Permission was not given on {channel}. To connect, press "Connect" again and choose to allow.',
  'channels.connect.error.exchange_failed': '{channel} did not complete the connection. Try again in a moment; if it keeps failing, contact the council.',
  'channels.connect.error.channel_unconfigured': 'Pasar Kriya is not set up to connect to {channel} yet. Contact the council.',
  'channels.connect.error.seller_taken': 'This {channel} seller account is already connected to another shop on Pasar Kriya. Sign in with your own seller account on {channel}, or contact the council.',
  'channels.connect.error.unknown': 'The channel answered with code {code}. Try connecting again; if it keeps failing, contact the council.',
  'channels.theChannel': 'the channel',
  'channels.banner.dismiss': 'Dismiss notice',

  'channels.account.council': 'Council account',
  'channels.account.seller': 'Shop on the channel: {name}',
  'channels.account.viaTokens': 'Connected by a curator with tokens',
  'channels.account.status.active': 'Active',
  'channels.account.status.disabled': 'Disabled',
  'channels.account.status.reconnect': 'Needs reconnecting',
  'channels.account.lastRun': 'Last sync: {status}, {when}',
  'channels.account.noRun': 'Never synced yet.',
  'channels.run.queued': 'queued',
  'channels.run.running': 'running',
  'channels.run.succeeded': 'succeeded',
  'channels.run.failed': 'failed',

  'channels.reconnect.button': 'Reconnect',
  'channels.reconnect.named': 'Reconnect {channel}',
  'channels.reconnect.why': '{channel} no longer accepts Pasar Kriya\'s permission, so listings are not sent and stock is not updated there. Reconnect to carry on.',
  'channels.reconnect.shopOwner': 'The artisan who owns the shop needs to reconnect from the seller centre.',
  'channels.reconnect.detail': 'Details from the channel',

  'channels.disconnect.button': 'Disconnect',
  'channels.disconnect.named': 'Disconnect {channel}',
  'channels.disconnect.title': 'Disconnect {channel}?',
  'channels.disconnect.body': 'Your listings are no longer sent to {channel} and their stock is not updated there. Products already on {channel} stay until you remove them there. You can connect again at any time.',
  'channels.disconnect.confirm': 'Yes, disconnect',
  'channels.disconnect.done': '{channel} disconnected.',

};
