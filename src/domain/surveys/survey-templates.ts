/**
 * The template library: ready surveys an author copies into a draft and edits. Wording for young
 * people follows the easy-read rules (short sentences, no acronyms); the six Stoke-on-Trent "Pots of
 * Positivity" themes use the outcome statements written with children and families.
 */
import type { Cohort, Question } from './survey';

export interface SurveyTemplate {
  id: string;
  title: string;
  description: string;
  cohort: Cohort;
  questions: Omit<Question, 'id'>[];
}

const tellUsMore = (text = 'Tell us more. You can skip this.'): Omit<Question, 'id'> => ({ type: 'text', text });

/** One "Pots of Positivity" theme as a short young-people survey. */
function pot(id: string, theme: string, statement: string, easy: string, going: string, wish: string): SurveyTemplate {
  return {
    id: `pots-${id}`,
    title: `Pots of Positivity: ${theme}`,
    description: `"${statement}"`,
    cohort: 'youngPeople',
    questions: [
      { type: 'scale', scale: 'going', text: going },
      { type: 'scale', scale: 'like', text: `Young people said: "${easy}" Do you feel like this?` },
      { type: 'yesno', text: wish },
      tellUsMore('What would make it better for you?')
    ]
  };
}

export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [
  {
    id: 'session-feedback',
    title: "How was today's session?",
    description: 'Four quick questions at the end of a session.',
    cohort: 'youngPeople',
    questions: [
      { type: 'scale', scale: 'like', text: 'Did you like today?' },
      { type: 'scale', scale: 'like', text: 'Did people listen to you?' },
      { type: 'yesno', text: 'Would you come again?' },
      tellUsMore()
    ]
  },
  {
    id: 'service-views',
    title: 'What do you think of this service?',
    description: 'What young people like and do not like about one service.',
    cohort: 'youngPeople',
    questions: [
      { type: 'scale', scale: 'like', text: 'Do you like this service?' },
      { type: 'scale', scale: 'going', text: 'How is it going for you?' },
      { type: 'yesno', text: 'Is it easy to get to?' },
      { type: 'rating', text: 'How many stars would you give it?' },
      tellUsMore('What should we change?')
    ]
  },
  {
    id: 'youth-clubs-summer',
    title: 'Youth clubs and summer holidays',
    description: 'Clubs, friends and things to do in the summer holidays.',
    cohort: 'youngPeople',
    questions: [
      { type: 'yesno', text: 'Do you go to a youth club?' },
      { type: 'scale', scale: 'like', text: 'Do you like the summer holidays?' },
      {
        type: 'multiple',
        text: 'What would you like to do in the summer?',
        options: ['⚽ Sport', '🎨 Art', '🏊 Swimming', '🎮 Games', '🌳 Trips out']
      },
      { type: 'scale', scale: 'managing', text: 'How do you feel about seeing friends in the holidays?' },
      tellUsMore()
    ]
  },
  {
    id: 'waiting-times',
    title: 'Waiting times',
    description: 'For parent carers: waiting for assessments and support.',
    cohort: 'parentCarers',
    questions: [
      {
        type: 'single',
        text: 'How long did you wait for the assessment or support you were referred for?',
        options: ['Less than 3 months', '3 to 6 months', '6 to 12 months', 'More than a year', 'Still waiting']
      },
      { type: 'yesno', text: 'Were you kept informed while you waited?' },
      { type: 'rating', text: 'How would you rate the support you had while waiting?' },
      tellUsMore('What would have helped while you waited?')
    ]
  },
  pot('live-well', 'Live Well', 'I want to feel valued and part of a community and be respected by the people I meet.', 'I feel valued and respected.', 'Do you feel part of your community?', 'Do people treat you with respect?'),
  pot('good-education', 'Good Education', 'I want to have a good quality education that is meaningful to me.', 'My school or college is good for me.', 'How is school or college going?', 'Do you learn things that matter to you?'),
  pot(
    'preparing-for-adulthood',
    'Preparing for Adulthood',
    'I want to feel confident about growing up and look forward to being as independent as I can be.',
    'I feel ready to grow up.',
    'How do you feel about growing up?',
    'Do you get help to do more things by yourself?'
  ),
  pot(
    'employment',
    'Employment Opportunities',
    'I want to have opportunities for work experience, apprentices and the chance to have a job I enjoy.',
    'I can try out jobs I might enjoy.',
    'How is getting ready for work going?',
    'Have you tried work experience?'
  ),
  pot('be-healthy', 'Be Healthy', 'I want to be physically, mentally and emotionally healthy as I can be.', 'I feel healthy in my body and my mind.', 'How are you feeling?', 'Do you know who to ask for help with your health?'),
  pot(
    'skilled-workforce',
    'Skilled Workforce for support',
    'I want the people who support me to have the right skills and knowledge and for them to work together to help me be the most I can be.',
    'The people who help me know what to do.',
    'How is the help from your support workers going?',
    'Do the people who help you work well together?'
  )
];

export function templateById(id: unknown): SurveyTemplate | undefined {
  return SURVEY_TEMPLATES.find((t) => t.id === id);
}
