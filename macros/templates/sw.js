/* The handbook's service worker, written by the build (macros/outputs/app.py).
   On the first visit it saves every page, style, script, image and the search index of this build
   (PRECACHE below, listed from the files the build wrote), so the whole handbook opens with no signal.
   PDFs are saved when opened. A new build changes this file, the browser installs it beside the old
   one, and the page offers a reload; the old build's files are then removed. Build {{ version|tojson }}. */
importScripts(
  {{ (workbox ~ "/workbox-core.prod.js")|tojson }},
  {{ (workbox ~ "/workbox-routing.prod.js")|tojson }},
  {{ (workbox ~ "/workbox-strategies.prod.js")|tojson }},
  {{ (workbox ~ "/workbox-precaching.prod.js")|tojson }},
  {{ (workbox ~ "/workbox-expiration.prod.js")|tojson }}
);

const PRECACHE = {{ entries|tojson }};
const OFFLINE_PAGE = new URL({{ offline_page|tojson }}, self.location).href;
const PDF_CACHE = "handbook-pdfs";

workbox.core.setCacheNameDetails({ prefix: "handbook", suffix: "" });
const PRECACHE_CACHE = workbox.core.cacheNames.precache;

/* Tell every open page how saving goes, so it can show the status. */
async function tell(message) {
  const pages = await self.clients.matchAll({ includeUncontrolled: true, type: "window" });
  pages.forEach((page) => page.postMessage(Object.assign({ source: "handbook-sw" }, message)));
}

let saved = 0;
const precache = new workbox.precaching.PrecacheController({
  plugins: [{
    cacheDidUpdate: async () => {
      saved += 1;
      if (saved % 10 === 0) await tell({ type: "progress", saved: saved, total: PRECACHE.length });
    },
  }],
});
precache.addToCacheList(PRECACHE);

function reason(error) {
  if (error && error.name === "QuotaExceededError") return "the phone's storage is full";
  return "a file could not be downloaded";
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    tell({ type: "saving", total: PRECACHE.length })
      .then(() => precache.install(event))
      .then(() => tell({ type: "saved", total: PRECACHE.length }))
      .catch(async (error) => {
        await tell({ type: "failed", reason: reason(error) });
        throw error;   // the install fails and the site keeps working online
      })
  );
});

/* Activation drops the previous build's files and any cache this worker does not use. */
self.addEventListener("activate", (event) => {
  event.waitUntil(
    precache.activate(event)
      .then(() => caches.keys())
      .then((names) => Promise.all(
        names.filter((name) => name !== PRECACHE_CACHE && name !== PDF_CACHE).map((name) => caches.delete(name))
      ))
      .then(() => self.clients.claim())
  );
});

/* An open page asks the waiting new build to take over when the reader taps "Reload". */
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

/* No page varies by query: search results add "?h=<words>" to highlight them, so ignore every parameter. */
workbox.routing.registerRoute(new workbox.precaching.PrecacheRoute(precache, {
  directoryIndex: "index.html",
  ignoreURLParametersMatching: [/.*/],
}));

/* PDFs: the newest copy while online, the saved copy with no signal. */
workbox.routing.registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.endsWith(".pdf"),
  new workbox.strategies.NetworkFirst({
    cacheName: PDF_CACHE,
    networkTimeoutSeconds: 8,
    plugins: [new workbox.expiration.ExpirationPlugin({ maxEntries: 60 })],
  })
);

workbox.routing.setDefaultHandler(new workbox.strategies.NetworkOnly());

/* With no signal, an address that was never saved opens the offline page instead of the browser's error. */
workbox.routing.setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate") return Response.redirect(OFFLINE_PAGE, 302);
  return Response.error();
});
