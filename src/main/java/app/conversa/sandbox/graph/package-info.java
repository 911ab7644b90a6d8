/** The fake Meta Graph API and the official demo number ("Conversa Demo"). */
package app.conversa.sandbox.graph;
