import { addMessages } from '../i18n';
import { channelsEn } from './messages-en';
import { channelsId } from './messages-id';

// Registered by whichever section imports the channel components first.
addMessages({ id: channelsId, en: channelsEn });
