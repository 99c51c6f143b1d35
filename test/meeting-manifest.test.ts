/**
 * The meeting app in the Teams app package (docs/meetings.md): the configurable tab in the meeting's side
 * panel, stage and chat tab (group chats), single sign-on, and the resource-specific consent permissions
 * the in-meeting prompt and the role check need; validated offline against the bundled schema.
 */
import { describe, expect, it } from 'vitest';
import { prepareManifest, readManifestTemplate, validateManifest } from '../scripts/package-app';

const SAMPLE_ENV = {
  TEAMS_APP_ID: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
  BOT_ID: '9d8c7b6a-5f4e-4d3c-8b2a-0f1e2d3c4b5a',
  BOT_DOMAIN: 'voiceloop-test.azurewebsites.net'
};

interface Tab {
  configurationUrl: string;
  scopes: string[];
  context: string[];
}

describe('the meeting app in the manifest', () => {
  it('declares the tab, SSO and the RSC permissions, and validates offline', async () => {
    const manifest = await prepareManifest(readManifestTemplate(), SAMPLE_ENV);
    const [tab] = manifest.configurableTabs as Tab[];
    expect(tab!.context).toEqual(expect.arrayContaining(['meetingSidePanel', 'meetingStage', 'meetingChatTab']));
    expect(tab!.scopes).toEqual(['groupChat']);
    expect(tab!.configurationUrl).toBe(`https://${SAMPLE_ENV.BOT_DOMAIN}/meeting/configure`);
    expect(manifest.webApplicationInfo).toEqual({ id: SAMPLE_ENV.BOT_ID, resource: `api://${SAMPLE_ENV.BOT_DOMAIN}/${SAMPLE_ENV.BOT_ID}` });
    const rsc = ((manifest.authorization as { permissions: { resourceSpecific: { name: string; type: string }[] } }).permissions.resourceSpecific).map((p) => p.name);
    expect(rsc).toEqual(expect.arrayContaining(['OnlineMeeting.ReadBasic.Chat', 'OnlineMeetingParticipant.Read.Chat', 'OnlineMeetingNotification.Send.Chat']));
    expect(await validateManifest(manifest)).toEqual([]);
    // The schema is really checked: a context Teams does not know is refused.
    const wrong = structuredClone(manifest);
    (wrong.configurableTabs as Tab[])[0]!.context.push('meetingBalcony');
    expect((await validateManifest(wrong)).length).toBeGreaterThan(0);
  });
});
