import { ComponentType, lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { Page } from '../ui/layout';
import { Loading } from '../ui/status';
import { useCartOnStart } from './cart';
import { CartPage } from './cart-page';
import { HomePage } from './home';
import { ListingPage } from './listing';
import './messages';
import { SearchPage } from './search';
import { ShopPage } from './shop';

// Browsing pages are in the first load; checkout and orders (and Stripe) load when first opened.
const CheckoutPage = lazy(() => import('./checkout').then((m) => ({ default: m.CheckoutPage })));
const OrdersPage = lazy(() => import('./orders').then((m) => ({ default: m.OrdersPage })));
const OrderPage = lazy(() => import('./orders').then((m) => ({ default: m.OrderPage })));

const wait = (C: ComponentType) =>
  function Waiting() {
    return (
      <Suspense fallback={<Page><Loading /></Page>}>
        <C />
      </Suspense>
    );
  };
const CheckoutRoute = wait(CheckoutPage);
const OrdersRoute = wait(OrdersPage);
const OrderRoute = wait(OrderPage);

export function StorefrontRoutes({ notFound: NotFound }: { notFound: ComponentType }) {
  useCartOnStart();
  return (
    <Switch>
      <Route path="/" component={HomePage} />
      <Route path="/search">{() => <SearchPage />}</Route>
      <Route path="/category/:slug">{() => <SearchPage fixed="category" />}</Route>
      <Route path="/regency/:slug">{() => <SearchPage fixed="regency" />}</Route>
      <Route path="/listing/:id" component={ListingPage} />
      <Route path="/shop/:slug" component={ShopPage} />
      <Route path="/cart" component={CartPage} />
      <Route path="/checkout" component={CheckoutRoute} />
      <Route path="/orders" component={OrdersRoute} />
      <Route path="/orders/:id" component={OrderRoute} />
      <Route component={NotFound} />
    </Switch>
  );
}
