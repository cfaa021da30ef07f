import { addMessages } from '../i18n';
import { channelsEn } from './messages-en';
import { channelsId } from './messages-id';
import { channelProblemsEn } from './problem-messages-en';
import { channelProblemsId } from './problem-messages-id';

// Registered by whichever section imports the channel components first.
addMessages({ id: { ...channelsId, ...channelProblemsId }, en: { ...channelsEn, ...channelProblemsEn } });
