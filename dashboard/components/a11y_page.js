// Runs in the page itself, sent once per run by dashboard/components/a11y.py (docs/decisions.md §27), after
// `window.gdA11y = {...}` holds this run's words. What Streamlit does not let a script set, set in the page:
// the html element's lang, names for charts and scrolling tables, the navigation's list roles, and
// Streamlit's, plotly's and react-aria's own English words (control names, the uploader's texts, the date
// field's parts) in the page's language. A MutationObserver applies it again whenever Streamlit draws; a
// change is made only when the value differs, so the changes themselves do not start another round.
// No tag may be written in this file, not even in a comment: st.html's sanitizer (DOMPurify) drops a script
// whose text looks like markup.
(() => {
  const doc = (window.parent && window.parent.document) || document;
  const cfg = window.gdA11y;
  doc.documentElement.lang = cfg.lang;
  const setAttr = (el, name, value) => {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  // A text node changed in place: React keeps its own reference to the node and writes into it again on its
  // next render, which the observer (characterData) answers.
  const setText = (node, value) => {
    if (node && node.nodeValue !== value) node.nodeValue = value;
  };
  const textNode = (el) => [...el.childNodes].find((n) => n.nodeType === 3 && n.nodeValue.trim());
  const words = () => window.gdA11y.words;

  const skipLink = () => {
    doc.querySelectorAll('a').forEach((el) => {
      if (el.dataset.gdSkip || el.textContent === 'Skip to main content') {
        el.dataset.gdSkip = '1'; // Streamlit's skip link, in English only
        if (el.textContent !== window.gdA11y.skip) el.textContent = window.gdA11y.skip;
      }
    });
  };

  const charts = () => {
    doc.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((el) => {
      const title = el.querySelector('.gtitle');
      if (!title) return;
      const lines = [...title.querySelectorAll('tspan.line')].map((t) => t.textContent);
      const text = lines.length ? lines.join(' ') : title.textContent;
      setAttr(el, 'role', 'figure'); // not img: the chart's toolbar buttons stay reachable
      setAttr(el, 'aria-label', window.gdA11y.chartName.replace('{title}', text));
    });
  };

  // Streamlit's and plotly's own names and tooltips: in the page's language (both languages' words are
  // known, so a language switch translates the other way too).
  const controlNames = () => {
    doc.querySelectorAll('[aria-label], [title], [data-title]').forEach((el) => {
      for (const a of ['aria-label', 'title', 'data-title']) {
        const v = el.getAttribute(a);
        if (!v) continue;
        const prefix = ['Help for ', '도움말: '].find((p) => v.startsWith(p));
        const word = prefix ? words()['Help for'] + ' ' + v.slice(prefix.length) : words()[v];
        if (word && word !== v) el.setAttribute(a, word);
      }
    });
  };

  // Sections in Streamlit's navigation are div elements (a header and the section's li elements) directly
  // inside its ul, which axe reports (list, serious). The ul is marked as no list and each section becomes
  // the list, named by its header; the header's text is then read as that name, so it is hidden from the tree.
  const navigation = () => {
    doc.querySelectorAll('ul[data-testid="stSidebarNavItems"]').forEach((ul) => {
      const sections = [...ul.children].filter((el) => el.tagName !== 'LI');
      if (!sections.length) return;
      setAttr(ul, 'role', 'none');
      sections.forEach((section) => {
        const header = section.querySelector(':scope > header');
        if (!section.querySelector(':scope > li')) {
          setAttr(section, 'role', 'none');
          return;
        }
        setAttr(section, 'role', 'list');
        if (header) {
          const name = header.querySelector('[data-testid="stMarkdownContainer"]') || header;
          setAttr(section, 'aria-label', name.textContent.trim());
          setAttr(header, 'aria-hidden', 'true');
        }
      });
    });
  };

  // st.file_uploader's button ("Upload"), its limit line ("200MB per file • CSV, XLSX") and its input's
  // name ("file upload") have no option: every uploader's are put in the page's language here.
  const uploaders = () => {
    doc.querySelectorAll('[data-testid="stFileUploaderDropzone"]').forEach((zone) => {
      zone.querySelectorAll('button p').forEach((p) => setText(textNode(p), window.gdA11y.uploadButton));
      zone.querySelectorAll('[data-testid="stFileUploaderDropzoneInstructions"] span').forEach((span) => {
        const node = textNode(span);
        const m = node && /^(?:(\d[\d.,]*\s*[KMG]B) per file|(?:파일 하나에|Up to) (\d[\d.,]*\s*[KMG]B)\S*)(.*)$/.exec(
          node.nodeValue,
        );
        if (m) {
          const size = (m[1] || m[2]).replace(/\s+/g, '').replace(/(\d)([KMG]B)/, '$1 $2');
          setText(node, window.gdA11y.uploadLimit.replace('{size}', size) + m[3].replace(/^\s*(까지|per file)/, ''));
        }
      });
      zone.querySelectorAll('input[type="file"]').forEach((input) => setAttr(input, 'aria-label', window.gdA11y.uploadInput));
    });
  };

  // st.date_input is react-aria's date field, which names its parts in English ("year, 시작일") and describes
  // the chosen date in a hidden note ("Selected Date: November 25, 2026").
  const dateFields = () => {
    const parts = window.gdA11y.dateParts;
    doc.querySelectorAll('[role="spinbutton"][data-type]').forEach((el) => {
      const v = el.getAttribute('aria-label') || '';
      const m = /^([^,]+), (.*)$/.exec(v);
      const part = m && Object.keys(parts).find((k) => parts[k].includes(m[1]));
      if (part) setAttr(el, 'aria-label', parts[part][0] + ', ' + m[2]);
      const month = Number(el.getAttribute('aria-valuenow'));
      if (el.dataset.type === 'month' && month >= 1 && month <= 12) {
        // read out as "10 – October" in English whatever the page's language
        const name = new Date(2000, month - 1, 1).toLocaleDateString(window.gdA11y.locale, {month: 'long'});
        setAttr(el, 'aria-valuetext', window.gdA11y.lang === 'ko' ? name : month + ' – ' + name);
      }
    });
    doc.querySelectorAll('body > [id^="react-aria-description"]').forEach((el) => {
      const node = textNode(el);
      const m = node && /^(?:Selected Date|선택한 날짜): (.*)$/.exec(node.nodeValue);
      if (!m) return;
      const day = new Date(m[1]);
      const shown = isNaN(day) ? m[1] : day.toLocaleDateString(window.gdA11y.locale, {dateStyle: 'long'});
      setText(node, window.gdA11y.selectedDate.replace('{date}', shown));
    });
  };

  // Buttons Streamlit labels itself in English, by their visible words ("Stop" while a run goes on, "View
  // less" under a navigation that folds).
  const buttonWords = () => {
    doc.querySelectorAll('button, [data-testid="stSidebarNavViewButton"]').forEach((button) => {
      const walker = doc.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const word = words()[node.nodeValue.trim()];
        if (word) setText(node, word);
      }
    });
  };

  // A Material Symbol in Markdown (":material/apartment:") is named in English ("apartment icon"); it only
  // decorates the words beside it, so it is hidden from screen readers like Streamlit's other icons.
  const markdownIcons = () => {
    doc.querySelectorAll('span[role="img"][translate="no"][aria-label$=" icon"]').forEach((el) => {
      setAttr(el, 'aria-hidden', 'true');
    });
  };

  const scrolling = () => {
    const scrolls = (el) =>
      el.scrollWidth > el.clientWidth + 1 ||
      (el.scrollHeight > el.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowY));
    // A table that scrolls gets a tab stop and a name, so a keyboard can scroll it (scrollable-region-focusable).
    doc.querySelectorAll('[data-testid="stTable"] > div, [data-testid="stVerticalBlock"][height]').forEach((el) => {
      if (el.dataset.gdScroll) setAttr(el, 'aria-label', window.gdA11y.scroll); // after a language switch
      if (scrolls(el) && !el.hasAttribute('tabindex')) {
        el.dataset.gdScroll = '1';
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', window.gdA11y.scroll);
      }
    });
  };

  const mark = () => {
    skipLink();
    charts();
    controlNames();
    navigation();
    uploaders();
    dateFields();
    buttonWords();
    markdownIcons();
    scrolling();
  };
  if (window.gdA11yObserver) {
    mark(); // this run's words (a language switch), once
    return;
  }
  window.gdA11yObserver = new MutationObserver(mark);
  window.gdA11yObserver.observe(doc.body, {childList: true, subtree: true, characterData: true});
  mark();
})();
