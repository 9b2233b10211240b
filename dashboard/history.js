// One browser-history entry per dashboard page opened (docs/decisions.md §32).
//
// Sent by `govdash serve` as the first script of every page (dashboard/head_script.py), so that it runs before
// Streamlit's front end and every history call the front end makes, from the first run's on, goes through it.
//
// 1. The front end pushes an entry for each write to st.query_params (about six per page visit). A push that
//    keeps the path (a query-string write) becomes a replace: it updates the entry of the page it was made on.
// 2. The front end moves the address to a newly opened page only once React has drawn the new page's state,
//    after the new page's first query-string writes may already have arrived: those would land on the entry
//    of the page being left. So a click on a page link (the navigation or st.page_link) pushes the link's
//    address at once, before the front end asks the server for the page: every write of the new page then
//    lands on the new entry, and the front end, finding the address already on that page, pushes nothing.
// (During Back or Forward the front end replaces on its own.)
(() => {
  const h = window.history;
  if (h.govdashOneEntryPerPage) return;
  h.govdashOneEntryPerPage = true;
  const push = h.pushState.bind(h);
  h.pushState = (state, title, url) => {
    const next = url == null ? null : new URL(url, window.location.href);
    if (next === null || next.pathname === window.location.pathname) h.replaceState(state, title, url);
    else push(state, title, url);
  };

  const PAGE_LINKS = '[data-testid="stSidebarNav"] a[href], a[data-testid="stPageLink-NavLink"][href]';
  document.addEventListener(
    "click",
    (event) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest(PAGE_LINKS) : null;
      if (link === null || link.target === "_blank" || link.getAttribute("aria-disabled") === "true") return;
      const next = new URL(link.href, window.location.href);
      if (next.origin !== window.location.origin || next.pathname === window.location.pathname) return;
      push({}, "", next.pathname + next.search);
    },
    true, // capture: before the front end's own handler sends the server the new page
  );
})();
