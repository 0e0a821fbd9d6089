// Runs in the sandboxed renderer before the page. Sandboxed preloads can `require('electron')`
// and nothing else, so scripts/build-preload.mjs bundles this file with what it imports into one
// CommonJS file, dist/main/electron/preload.cjs (the ESM copy tsc also emits is never loaded).
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preloadApi.js';

contextBridge.exposeInMainWorld('rose', buildPreloadApi(ipcRenderer));
