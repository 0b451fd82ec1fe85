/*
 * commands.js: the function file of the ribbon button (commands.html). The
 * button only opens the task pane, so there is nothing to register; Office
 * still waits for the file to initialise Office.js. Classic ES5, as the
 * function file also loads in Internet Explorer webviews.
 * In: Office.js on the page. Out: Office told the file is ready.
 */
(function (root) {
  'use strict';
  var office = root.Office;
  if (office && typeof office.onReady === 'function') office.onReady(function () {});
  else if (office) office.initialize = function () {};
})(this);
