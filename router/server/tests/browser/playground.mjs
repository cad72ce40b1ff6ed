// Drives the router's GraphiQL playground in headless Debian Chromium, as a person would: wait
// for GraphiQL, type a query that spans the five subgraphs, press the run button, read the result
// pane and the "Query plan" panel, and take a screenshot.
//
//   node playground.mjs <playground-url>
//
// Optional environment:
//   PLAYGROUND_EXPECTED   a JSON file: the result pane must show exactly this response
//   PLAYGROUND_SCREENSHOT where to save the screenshot (default: playground.png in the temp folder)
//   CHROMIUM              the browser (default: /usr/bin/chromium)
//
// Exits 0 when everything held, 1 with the reason otherwise.

import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

// Generous: a 3.5 MB graphiql bundle parsed on a busy 2-core machine, five subgraphs behind.
const LOAD_TIMEOUT_MS = 120_000;
const RESULT_TIMEOUT_MS = 120_000;

// The query lives in its own file so that the Rust test asks the router the very same thing.
const QUERY = readFileSync(join(import.meta.dirname, 'cart-with-reviews.graphql'), 'utf8').trimEnd();

const SERVICES = ['users', 'carts', 'products', 'inventory', 'reviews'];

function fail(message) {
  throw new Error(message);
}

/// What several subgraphs must have contributed, whatever the seed data is.
function checkShape(response) {
  if (response.errors) fail(`the response has errors: ${JSON.stringify(response.errors)}`);
  const user = response.data && response.data.user;
  if (!user || typeof user.username !== 'string') fail('no user.username (users)');
  const items = user.cart && user.cart.items;
  if (!Array.isArray(items) || items.length === 0) fail('no cart items (carts)');
  let reviews = 0;
  for (const { product } of items) {
    if (typeof product.name !== 'string' || product.name === '') fail('no product name (products)');
    if (typeof product.price !== 'number') fail('no product price (products)');
    if (typeof product.inStock !== 'boolean') fail('no inStock (inventory)');
    if (!Array.isArray(product.reviews)) fail('no reviews list (reviews)');
    for (const review of product.reviews) {
      if (typeof review.author.name !== 'string') fail('no review author name (users)');
      reviews += 1;
    }
  }
  return { items: items.length, reviews, product: items[0].product };
}

async function main() {
  const url = process.argv[2] || fail('usage: node playground.mjs <playground-url>');
  const screenshot = process.env.PLAYGROUND_SCREENSHOT || join(tmpdir(), 'playground.png');
  const expected = process.env.PLAYGROUND_EXPECTED
    ? JSON.parse(readFileSync(process.env.PLAYGROUND_EXPECTED, 'utf8'))
    : null;

  // launch() gives Chromium a new empty profile (--user-data-dir) each run, so nothing GraphiQL
  // persisted before (tabs, headers) leaks in.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: LOAD_TIMEOUT_MS,
    // The machine's network is closed: background connections to Google fail by the dozen.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const problems = [];
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(LOAD_TIMEOUT_MS);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const from = message.location().url || '';
      if (message.type() === 'error' && !from.endsWith('/favicon.ico')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('requestfailed', (request) =>
      problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        problems.push(`HTTP ${response.status()} for ${response.url()}`);
      }
    });

    console.log(`opening ${url}`);
    await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    // GraphiQL has rendered its editors once the run button and the query editor are there.
    await page.locator('.graphiql-execute-button').waitFor({ state: 'visible' });
    const editor = page.locator('.graphiql-query-editor .CodeMirror');
    await editor.waitFor({ state: 'visible' });
    if (problems.length) fail(problems.join('\n'));

    // Type the query into the editor: replace the default query with the keyboard.
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(QUERY);
    const typed = await editor.evaluate((element) => element.CodeMirror.getValue());
    if (typed !== QUERY) fail(`the query editor holds something else:\n${typed}`);

    await page.locator('.graphiql-execute-button').click();
    const responseEditor = page.locator('.graphiql-response .CodeMirror');
    await page.waitForFunction(
      () => {
        const element = document.querySelector('.graphiql-response .CodeMirror');
        const text = element && element.CodeMirror && element.CodeMirror.getValue();
        return text && (text.includes('"data"') || text.includes('"errors"'));
      },
      null,
      { timeout: RESULT_TIMEOUT_MS },
    );
    const shown = await responseEditor.evaluate((element) => element.CodeMirror.getValue());
    let response;
    try {
      response = JSON.parse(shown);
    } catch {
      fail(`the result pane is not JSON:\n${shown}`);
    }
    const seen = checkShape(response);
    if (expected && !isDeepStrictEqual(response, expected)) {
      fail(
        `the result pane differs from the router's answer:\n` +
          `shown:    ${JSON.stringify(response)}\nexpected: ${JSON.stringify(expected)}`,
      );
    }
    // What a person sees, not only what the editor holds: the rendered pane shows the values.
    const visible = await page.locator('.graphiql-response').innerText();
    for (const value of [JSON.stringify(seen.product.name), `"inStock": ${seen.product.inStock}`]) {
      if (!visible.includes(value)) fail(`the result pane does not show ${value}:\n${visible}`);
    }

    // The page's own plugin: the plan of the query just run, one fetch per subgraph at least.
    await page.getByRole('button', { name: 'Show Query plan' }).click();
    const plan = await page.locator('pre.query-plan').innerText();
    for (const service of SERVICES) {
      if (!plan.includes(`Fetch(service: "${service}")`)) {
        fail(`the Query plan panel has no fetch from ${service}:\n${plan}`);
      }
    }

    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
    if (problems.length) fail(problems.join('\n'));
    console.log(
      `ok: ${seen.items} cart item(s) with ${seen.reviews} review(s); ` +
        `first product ${JSON.stringify(seen.product.name)}, inStock ${seen.product.inStock}`,
    );
  } catch (error) {
    // A picture of the failure is worth more than the stack.
    if (page) {
      const failed = screenshot.replace(/(\.png)?$/, '-failed.png');
      await page.screenshot({ path: failed, fullPage: true }).then(
        () => console.error(`screenshot of the failure: ${failed}`),
        () => {},
      );
    }
    if (problems.length) console.error(`also seen in the page:\n${problems.join('\n')}`);
    throw error;
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`playground browser test FAILED: ${error.stack || error}`);
    process.exit(1);
  },
);
