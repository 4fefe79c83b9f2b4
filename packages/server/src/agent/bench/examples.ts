import type { Article } from "../knowledge";
import { LABELLED_HELP_CENTERS, loadLabelled } from "../labelled";
import type { ExpectedOutcome } from "../eval/questions";

/** A customer's question, the outcome its label expects, and the article that answers it. */
export interface LabelledQuestion {
  question: string;
  kind: ExpectedOutcome;
  articleId?: string;
  locale?: string;
}

/**
 * A large help center of real text for `npm run bench:agent -- --examples`: whole labelled help
 * centers (../labelled.ts), in order, until there are at least `wanted` articles, each article's
 * id prefixed with its help center's name so that none collide, and their customers' questions
 * (stories, typos, other languages), which cost more than the generated ones, taken in turn from
 * each help center.
 */
export async function labelledHelpCenters(wanted: number): Promise<{ names: string[]; articles: Article[]; questions: LabelledQuestion[] }> {
  const names: string[] = [];
  const articles: Article[] = [];
  const byCenter: LabelledQuestion[][] = [];
  for (const center of LABELLED_HELP_CENTERS) {
    if (articles.length >= wanted) break;
    const loaded = await loadLabelled(center);
    const prefixed = (id: string) => `${center.name}-${id}`;
    names.push(center.name);
    for (const article of loaded.articles) {
      articles.push({ ...article, id: prefixed(article.id), translationOf: article.translationOf === null ? null : prefixed(article.translationOf) });
    }
    byCenter.push(
      loaded.questions.map(({ question, expect, article, locale }) => ({
        question,
        kind: expect,
        ...(article !== undefined && { articleId: prefixed(article) }),
        ...(locale !== undefined && { locale }),
      })),
    );
  }
  // Taken in turn from each help center, so that the first questions asked come from all of them.
  const longest = Math.max(0, ...byCenter.map((questions) => questions.length));
  const questions = Array.from({ length: longest }, (_, at) => byCenter.flatMap((center) => center.slice(at, at + 1))).flat();
  return { names, articles, questions };
}
