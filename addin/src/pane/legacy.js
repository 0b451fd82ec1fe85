/*
 * legacy.js: the pane's guard against webviews too old for it. A classic
 * script in ES5 with no eval or new Function (the pages' CSP forbids them),
 * because it must run where taskpane.js cannot:
 *   - Internet Explorer 11 (Office 2016/2019 volume licence; older Microsoft
 *     365 builds) never runs <script type="module">;
 *   - the old Microsoft Edge, EdgeHTML 18 (Office 2016/2019 retail and
 *     Microsoft 365 without WebView2), runs modules but cannot parse the
 *     bundle (ES2020, regexps with \p{…}), so the module dies silently.
 * In: the page (#controls, #status, #about) and the engine it runs in.
 * Out: on such an engine the controls are hidden and a message (#legacy)
 * says which Office runs the add-in: Vietnamese, and English too when the
 * webview's language is not Vietnamese. On a current engine: nothing.
 */
(function (root) {
  'use strict';

  // Built-ins every engine of the bundle's target has (es2020, Chrome/Edge 90,
  // Firefox 90, Safari 15) and IE11 and EdgeHTML 18 lack. matchAll,
  // Object.fromEntries and \p{…} are used by the core itself; globalThis and
  // Promise.allSettled mark an ES2020 engine.
  function unicodeRegexps() {
    try {
      return new RegExp('^\\p{L}$', 'u').test('\u1ec7');
    } catch (e) {
      return false;
    }
  }

  function currentEngine() {
    return (
      typeof globalThis !== 'undefined' &&
      typeof Promise === 'function' &&
      typeof Promise.allSettled === 'function' &&
      typeof String.prototype.matchAll === 'function' &&
      typeof Object.fromEntries === 'function' &&
      unicodeRegexps()
    );
  }

  if (currentEngine()) return;

  var doc = root.document;
  var nav = root.navigator || {};
  if (!doc || !doc.getElementById) return;

  var TEXT = {
    vi: {
      title: 'Phiên bản Office này chưa chạy được phần bổ trợ',
      why:
        'Excel đang mở ngăn này bằng trình duyệt nhúng cũ của Windows (Internet Explorer 11 hoặc Microsoft Edge bản cũ), ' +
        'nên các nút Nhập phụ lục, Kiểm tra, Tổng hợp không hoạt động.',
      runs: 'Phần bổ trợ chạy trên:',
      list: [
        'Microsoft 365 (Excel cho Windows hoặc Mac), bản cập nhật gần đây;',
        'Office 2021, Office 2024 trở về sau;',
        'Excel trên web (mở tệp trên OneDrive hoặc SharePoint bằng Edge, Chrome, Firefox hoặc Safari);',
        'Office 2016 hoặc 2019 bản bán lẻ trên Windows, khi máy đã cài Microsoft Edge WebView2 Runtime.'
      ],
      volume:
        'Office 2016/2019 bản cấp phép số lượng lớn (volume licence) luôn dùng Internet Explorer: ' +
        'hãy dùng Excel trên web, hoặc nhờ bộ phận CNTT nâng cấp Office.'
    },
    en: {
      title: 'This version of Office cannot run the add-in',
      why:
        'Excel opened this pane in an old webview built into Windows (Internet Explorer 11 or the old Microsoft Edge), ' +
        'so the Import, Check and Roll-up buttons cannot work.',
      runs: 'The add-in runs in:',
      list: [
        'Microsoft 365 (Excel for Windows or Mac), recently updated;',
        'Office 2021, Office 2024 or later;',
        'Excel on the web (files on OneDrive or SharePoint, in Edge, Chrome, Firefox or Safari);',
        'Office 2016 or 2019 retail on Windows, once the Microsoft Edge WebView2 Runtime is installed.'
      ],
      volume:
        'Volume-licensed Office 2016/2019 always uses Internet Explorer: ' +
        'use Excel on the web, or ask your IT staff to upgrade Office.'
    }
  };

  // IE and EdgeHTML take their language from Windows; Office.js is not ready yet.
  var language = String(nav.language || nav.userLanguage || nav.browserLanguage || '').toLowerCase();
  var vietnamese = language.indexOf('vi') === 0;

  function node(tag, text, cls) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.appendChild(doc.createTextNode(text));
    return e;
  }

  function block(t, lang) {
    var part = node('div', '', 'legacy-part');
    part.setAttribute('lang', lang);
    part.appendChild(node('h2', t.title));
    part.appendChild(node('p', t.why));
    part.appendChild(node('p', t.runs));
    var ul = node('ul', '');
    for (var i = 0; i < t.list.length; i++) ul.appendChild(node('li', t.list[i]));
    part.appendChild(ul);
    part.appendChild(node('p', t.volume));
    return part;
  }

  var box = node('section', '', 'legacy');
  box.id = 'legacy';
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'legacy');
  box.appendChild(block(TEXT.vi, 'vi'));
  if (!vietnamese) box.appendChild(block(TEXT.en, 'en'));

  var ids = ['controls', 'status', 'about'];
  var anchor = doc.getElementById('controls');
  for (var j = 0; j < ids.length; j++) {
    var el = doc.getElementById(ids[j]);
    if (el) el.style.display = 'none';
  }
  if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(box, anchor);
  else if (doc.body) doc.body.appendChild(box);
})(this);
