/** The tab's configuration page (docs/meetings.md): adding VoiceLoop to a meeting saves the side panel as the tab. */
import { app, pages } from '@microsoft/teams-js';
import { applyTheme } from './host';

async function start(): Promise<void> {
  await app.initialize();
  applyTheme((await app.getContext()).app.theme);
  pages.config.registerOnSaveHandler((event) => {
    pages.config
      .setConfig({ entityId: 'voiceloop-session', suggestedDisplayName: 'VoiceLoop', contentUrl: `${location.origin}/meeting/panel`, websiteUrl: `${location.origin}/meeting/panel` })
      .then(() => event.notifySuccess())
      .catch((error: unknown) => event.notifyFailure(String(error)));
  });
  pages.config.setValidityState(true);
}

void start();
