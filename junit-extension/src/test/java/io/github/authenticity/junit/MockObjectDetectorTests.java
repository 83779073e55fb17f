package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.github.authenticity.core.internal.config.AuthenticityConfig;
import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.model.Evidence;
import io.github.authenticity.core.internal.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

class MockObjectDetectorTests {

  @TempDir
  Path directory;

  interface PaymentClient {
    String pay(int cents);
  }

  static class OrderRepository {
    String find(String id) {
      return id;
    }
  }

  static final class Clock {
    long now() {
      return 1;
    }
  }

  static class RealPaymentClient implements PaymentClient {
    @Override
    public String pay(int cents) {
      return "paid " + cents;
    }
  }

  static class InMemoryOrderRepository extends OrderRepository {
  }

  static class FakePaymentClient implements PaymentClient {
    @Override
    public String pay(int cents) {
      return "fake";
    }
  }

  static class TestPaymentClient extends FakePaymentClient {
  }

  static class Mockingbird {
  }

  static class OrderService {
    private final OrderRepository repository;

    OrderService(OrderRepository repository) {
      this.repository = repository;
    }
  }

  private TestOutcome judge(Object... instances) {
    AuthenticityConfig config = DetectorHarness.config(DetectorHarness.detection(Interaction.OFF),
        directory.resolve("history.json"));
    return DetectorHarness.run(DetectorHarness.test("mocks", config, instances), () -> { });
  }

  static class MockitoTestCase {
    private PaymentClient paymentClient = Mockito.mock(PaymentClient.class);
    private final OrderRepository repository = Mockito.mock(OrderRepository.class);
    Clock clock = Mockito.mock(Clock.class);
    OrderRepository spied = Mockito.spy(new OrderRepository());
  }

  @Test
  void mockitoMocksOfInterfacesClassesAndFinalClassesAreEvidenceSpiesAreNot() {
    TestOutcome outcome = judge(new MockitoTestCase());

    assertThat(outcome.evidence()).extracting(Evidence::kind).containsOnly(EvidenceKind.MOCK_OBJECT);
    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "field [paymentClient] holds a Mockito mock of [PaymentClient]; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [repository] holds a Mockito mock of [OrderRepository]; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [clock] holds a Mockito mock of [Clock]; mark it @AllowMock(reason = \"...\") if deliberate");
  }

  static class EasyMockTestCase {
    PaymentClient client = org.easymock.EasyMock.createMock(PaymentClient.class);
    OrderRepository repository = org.easymock.EasyMock.createNiceMock(OrderRepository.class);
  }

  @Test
  void easyMockMocksAreEvidence() {
    TestOutcome outcome = judge(new EasyMockTestCase());

    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "field [client] holds an EasyMock mock of [PaymentClient]; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [repository] holds an EasyMock mock of [OrderRepository]; mark it @AllowMock(reason = \"...\") if deliberate");
  }

  static class BaseTestCase {
    private PaymentClient inherited = new FakePaymentClient();
  }

  static class FakesTestCase extends BaseTestCase {
    private OrderRepository repository = new InMemoryOrderRepository();
    private PaymentClient subclassOfAFake = new TestPaymentClient();
    private OrderService service = new OrderService(new InMemoryOrderRepository());
    private List<PaymentClient> clients = List.of(new RealPaymentClient(), new FakePaymentClient());
    private Mockingbird bird = new Mockingbird();
    private PaymentClient real = new RealPaymentClient();
  }

  @Test
  void objectsNamedLikeFakesAreEvidenceAlsoInheritedNestedAndInCollections() {
    TestOutcome outcome = judge(new FakesTestCase());

    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "field [repository] holds [InMemoryOrderRepository], named like a fake; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [subclassOfAFake] holds [TestPaymentClient] (a [FakePaymentClient]), named like a fake; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [service.repository] holds [InMemoryOrderRepository], named like a fake; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [clients[1]] holds [FakePaymentClient], named like a fake; mark it @AllowMock(reason = \"...\") if deliberate",
        "field [inherited] holds [FakePaymentClient], named like a fake; mark it @AllowMock(reason = \"...\") if deliberate");
  }

  static class AllowedTestCase {
    @AllowMock(reason = "the SMS gateway has no sandbox")
    PaymentClient sms = Mockito.mock(PaymentClient.class);
    @AllowMock(reason = "  ")
    PaymentClient careless = new FakePaymentClient();
  }

  @Test
  void allowedMocksAreListedWithTheirReasonAndABlankReasonIsEvidence() {
    TestOutcome outcome = judge(new AllowedTestCase());

    assertThat(outcome.allowedMocks()).containsExactly(new io.github.authenticity.core.internal.model.AllowedMock("sms",
        PaymentClient.class.getName(), "the SMS gateway has no sandbox"));
    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "field [careless] holds [FakePaymentClient], named like a fake and is marked @AllowMock with a blank reason; "
            + "say why the mock is deliberate: @AllowMock(reason = \"...\")");
  }

  static class ProxyTestCase {
    PaymentClient handmadeProxy = (PaymentClient) java.lang.reflect.Proxy.newProxyInstance(
        PaymentClient.class.getClassLoader(), new Class<?>[] {PaymentClient.class}, (proxy, method, args) -> "x");
    PaymentClient real = new RealPaymentClient();
    OrderService service = new OrderService(new OrderRepository());
  }

  @Test
  void realObjectsAndProxiesOfNoMockingLibraryAreClean() {
    TestOutcome outcome = judge(new ProxyTestCase());

    assertThat(outcome.evidence()).isEmpty();
    assertThat(outcome.allowedMocks()).isEmpty();
  }

  static class OuterTestCase {
    PaymentClient outerClient = Mockito.mock(PaymentClient.class);

    class InnerTestCase {
      PaymentClient innerClient = new RealPaymentClient();
    }
  }

  @Test
  void fieldsOfEnclosingInstancesAreInspected() {
    OuterTestCase outer = new OuterTestCase();
    TestOutcome outcome = judge(outer.new InnerTestCase(), outer);

    assertThat(outcome.evidence()).extracting(Evidence::detail).containsExactly(
        "field [OuterTestCase.outerClient] holds a Mockito mock of [PaymentClient]; mark it @AllowMock(reason = \"...\") if deliberate");
  }
}
