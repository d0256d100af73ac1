/* residence-hub: the service worker of one microsite (its scope is this folder): its settings, then the
 * words of its language and its code, the same for every microsite and stored once at the site root
 * (javascripts/mots-<language>.js, javascripts/sw-core.js). */
"use strict";

var CONFIG = /*CONFIG*/;
importScripts("/*WORDS*/", "/*CORE*/");
