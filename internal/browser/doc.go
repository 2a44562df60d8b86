// Package browser holds the tests of what a reader meets: the repository's
// site built, served on 127.0.0.1 with the CDN's strict Content Security
// Policy, and driven in Debian's Chromium through the DevTools protocol
// (github.com/chromedp/chromedp). They check every page type in every
// language for console errors, failed requests and CSP violations, follow
// the language switcher, confirm Khmer is drawn with a Khmer font, and save
// screenshots for a person to look at. There is no non-test code: the
// package exists for its tests.
package browser
