// What a receptionist does at the counter, as steps the end-to-end test and
// the soak benchmark share. Labels are the Vietnamese UI's (the app starts in
// Vietnamese on a fresh web view profile).

import { Key } from './webdriver.mjs';

/** What a receptionist types for a name: no diacritics, đ as d. */
export function folded(name) {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Picks `name` on the sign-in screen and types the PIN; resolves once the search box is there. */
export async function signIn(app, name, pin, timeout = 15_000) {
  await app.click(await app.button(name, { timeout }));
  await app.keys(pin + Key.Enter);
  return app.field('Tìm khách hàng');
}

/** Types the customer's name without diacritics into the search box and opens their 360. */
export async function openCustomer(app, name) {
  // Found anew each time: the box is a new element after another tab was shown.
  const search = await app.field('Tìm khách hàng');
  await app.clear(search);
  await app.type(search, folded(name));
  await app.button(name);
  await app.keys(Key.Enter);
  return app.find(`the 360 of ${name}`, 'return [...document.querySelectorAll("article")].find((a) => a.innerText.includes(arguments[0]));', [name]);
}

/**
 * Opens this register's drawer with `float` on the manager screen (Ctrl+9),
 * as a manager does before the first sale: cash is taken only through an
 * open drawer. Resolves once the panel shows it open.
 */
export async function openDrawer(app, float) {
  await app.keys(Key.Control + '9' + Key.Release);
  await app.type(await app.field('Tiền đầu ca', 15_000), String(float));
  await app.click(await app.button('Mở két', { within: '[data-testid="drawer-panel"]' }));
  await app.waitForText('Mở lúc');
}

/** Adds a retail item to the open checkout: name, unit price, one piece. */
export async function addItem(app, name, price) {
  await app.type(await app.field('Tên mặt hàng'), name);
  await app.type(await app.field('Đơn giá'), String(price));
  await app.type(await app.field('Số lượng'), Key.Enter);
}

/**
 * Splits the payment across tenders, e.g. [['Tiền mặt', 200000], ['Thẻ', 150000]],
 * then Ctrl+Enter records the sale; resolves with the receipt.
 */
export async function pay(app, payments) {
  for (const [tender, amount] of payments) {
    const field = await addPayment(app, tender);
    await app.clear(field);
    await app.type(field, String(amount));
  }
  await app.keys(Key.Control + Key.Enter + Key.Release);
  return app.byTestId('receipt', 15_000);
}

/**
 * Presses "+ tender" and resolves with the amount field it adds. Pressed
 * again when no field came: WebKitWebDriver clicks where the button was,
 * and the cart's quote arriving can move it from under the pointer (seen
 * once in a few hundred sales of the soak run).
 */
async function addPayment(app, tender) {
  const button = () => app.button(`Thêm khoản trả bằng ${tender}`);
  await app.click(await button());
  try {
    return await app.field(tender, 3_000);
  } catch {
    await app.click(await button());
    return app.field(tender);
  }
}
