/**
 * The contract between the RTMP server and what a publish feeds: the server speaks the protocol
 * and asks a {@link org.polyplex.ingest.publish.PublishGate} whether a publish may start; the
 * gate checks the stream key and answers the {@link org.polyplex.ingest.publish.PublishSink} that
 * takes the publisher's media messages.
 */
package org.polyplex.ingest.publish;
