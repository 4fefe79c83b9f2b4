/**
 * English strings of the Home and help screens, times and authors. Only the panel chunk
 * imports this file, so the launcher's script does not carry them.
 */
export const screens = {
  hello: "Hi there",
  helloName: (firstName: string): string => `Hi ${firstName}`,
  howCanWeHelp: "How can we help?",
  sendUsAMessage: "Send us a message",
  replyTime: "Our AI Agent answers right away. The team typically replies within a few hours.",
  recentMessage: "Recent message",
  continueConversation: "Continue the conversation",
  messages: "Messages",
  allConversations: "See all your conversations",
  noConversations: "No conversations yet. Send us a message and it will be here.",
  conversationsFailed: "Your conversations could not be loaded.",
  you: "You",
  searchForHelp: "Search for help",
  help: "Help",
  searching: "Searching…",
  noArticles: "No articles match. Try other words, or send us a message.",
  searchFailed: "Search is unavailable right now.",
  articleFailed: "This article could not be loaded.",
  openInHelpCenter: "Open in the help center",
  back: "Back",
  home: "Home",
  team: "Team",
  handedOff: "Waiting for the team. They'll reply here as soon as they can.",
  charactersLeft: (count: number): string => (count === 1 ? "1 character left" : `${count} characters left`),
  justNow: "Just now",
  aiWriting: "The AI Agent is writing…",
} as const;
