import { createContext, useContext } from 'react';
import type { AppModel } from './stores/appModel.js';

export const AppContext = createContext<AppModel | null>(null);

/** The app's stores and actions (provided once by main.tsx). */
export function useApp(): AppModel {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}
