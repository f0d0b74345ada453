package fr.gouv.ti.webhook;

import fr.gouv.ti.testsupport.AsyncApiContract;
import fr.gouv.ti.webhook.domain.EventTypes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The types one may subscribe to are exactly the messages of the webhooks' AsyncAPI document. */
class EveryDeliverableTypeIsDocumentedTest {

    @Test
    void theSubscribableTypesAreTheDocumentedMessages() {
        assertThat(AsyncApiContract.load().messageTypes()).containsExactlyInAnyOrderElementsOf(EventTypes.KNOWN.keySet());
    }
}
