import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToRose } from './api/roseApi.js';
import { AppContext } from './appContext.js';
import { App } from './components/App/App.js';
import { createAppModel } from './stores/appModel.js';
import './styles/index.css';

const { api, connection } = connectToRose();
const app = createAppModel(api, connection);
app.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={app}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);
