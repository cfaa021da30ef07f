import { addMessages } from '../i18n';
import { sellerEn } from './messages-en';
import { sellerId } from './messages-id';

// Registered when the seller centre's chunk loads.
addMessages({ id: sellerId, en: sellerEn });
