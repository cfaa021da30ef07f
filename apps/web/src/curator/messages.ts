// The curator console's texts, registered when its chunk loads.
import { addMessages } from '../i18n';
import { curatorEn } from './messages-en';
import { curatorId } from './messages-id';

addMessages({ id: curatorId, en: curatorEn });
